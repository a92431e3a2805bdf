/**
 * What to do once an answer's frames have been copied into the outgoing gRPC message: executeQueries registers the
 * release of the blocks a DataResponse's frames were cut from, the QueryData serializer runs it after encoding.
 * A response that is never encoded (a cancelled call, an in-process caller) keeps its blocks until collected.
 */
const releases = new WeakMap<object, () => void>();

/** Runs `release` once `response`'s frames have been sent (`releaseSentFrames`), at most once. */
export function onFramesSent(response: object, release: () => void): void {
  releases.set(response, release);
}

/** `response`'s frames have been copied out: runs what was registered for it, once; nothing if none was. */
export function releaseSentFrames(response: object): void {
  const release = releases.get(response);
  if (release !== undefined) {
    releases.delete(response);
    release();
  }
}
