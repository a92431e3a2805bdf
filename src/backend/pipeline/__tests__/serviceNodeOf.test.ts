import { graphNodes, serviceNodeOf } from '../serviceNodeOf';

const nodes = graphNodes(new Map([['frontend', new Set(['orders', 'carts'])]]));

describe('serviceNodeOf', () => {
  test('graphNodes holds callers and callees', () => {
    expect([...nodes].sort()).toEqual(['carts', 'frontend', 'orders']);
  });

  test('auto takes the first of service, service_name, job whose value is a node', () => {
    expect(serviceNodeOf({ service: 'orders', job: 'carts' }, nodes, 'auto')).toBe('orders');
    expect(serviceNodeOf({ service: 'checkout-db', service_name: 'carts' }, nodes, 'auto')).toBe('carts');
    expect(serviceNodeOf({ job: 'frontend' }, nodes, 'auto')).toBe('frontend');
    expect(serviceNodeOf({ container: 'orders' }, nodes, 'auto')).toBeUndefined();
  });

  test('a named label is the only one read', () => {
    expect(serviceNodeOf({ container: 'orders', service: 'carts' }, nodes, 'container')).toBe('orders');
    expect(serviceNodeOf({ service: 'carts' }, nodes, 'container')).toBeUndefined();
  });

  test('without a graph any non-empty value of the label names the service; auto does not take the scrape job', () => {
    expect(serviceNodeOf({ service: 'checkout-db', job: 'carts' }, undefined, 'auto')).toBe('checkout-db');
    expect(serviceNodeOf({ service: '', service_name: 'carts' }, undefined, 'auto')).toBe('carts');
    // A job such as kubernetes-pods spans many services: only a graph can confirm it names one.
    expect(serviceNodeOf({ service: '', job: 'kubernetes-pods' }, undefined, 'auto')).toBeUndefined();
    expect(serviceNodeOf({ job: 'kubernetes-pods' }, undefined, 'job')).toBe('kubernetes-pods');
    expect(serviceNodeOf({ container: 'orders' }, undefined, 'auto')).toBeUndefined();
    expect(serviceNodeOf({ container: 'orders' }, undefined, 'container')).toBe('orders');
  });
});
