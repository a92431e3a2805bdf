/** A resource request that fails with an HTTP status and a message for the user. Our own code. */
export class ResourceFailure extends Error {
  constructor(
    readonly code: number,
    message: string
  ) {
    super(message);
    this.name = 'ResourceFailure';
  }
}
