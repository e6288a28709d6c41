import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';

/**
 * Wraps a request handler: a cancelled request is answered as cancelled, and a handler that
 * throws is logged with its stack and answered with an error, never taking the server down.
 */
export async function runSafe<T>(connection: Connection, name: string, token: CancellationToken | undefined, work: () => T | Promise<T>): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
  try {
    const result = await work();
    if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    return result;
  } catch (error) {
    if (error instanceof ResponseError) return error;
    const err = error as Error;
    connection.console.error(`${name} failed: ${err.message}\n${err.stack ?? ''}`);
    return new ResponseError(ErrorCodes.InternalError, `Marginalia: ${name} failed: ${err.message}`);
  }
}
