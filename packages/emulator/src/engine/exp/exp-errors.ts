/**
 * The two ways an expression fails outright (as opposed to evaluating to "unknown").
 */

/** The server would refuse to build the expression: the command answers PARAMETER_ERROR (4). */
export class ExpBuildError extends Error {
  override readonly name = 'ExpBuildError';
}

/**
 * The emulator does not implement this part of the expression language (or cannot
 * reproduce the server's answer exactly): the command answers UNSUPPORTED_FEATURE (16).
 */
export class ExpUnsupportedError extends Error {
  override readonly name = 'ExpUnsupportedError';
}
