/** An answer the simulator gives instead of a row: a status and a short text/plain body. */
export class SimFailure extends Error {
  constructor(readonly status: number, readonly text: string) {
    super(text);
  }
}

/** A validation failure as McLeod reports it: a 500 with the Java exception's text. */
export function validationFailure(message: string): SimFailure {
  return new SimFailure(500, `com.mcleodsoftware.ValidationException: ${message}`);
}
