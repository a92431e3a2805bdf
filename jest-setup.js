// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';
import { configure } from '@testing-library/react';

// `findBy…` and `waitFor` give up after 1 s by default. The whole suite runs on two shared cores, where a Monaco-free
// render of the query editor's metrics browser alone takes ~3.5 s; a slow machine must make a test slower, not red.
configure({ asyncUtilTimeout: 5000 });
