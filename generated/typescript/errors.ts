/**
 * Errors as exceptions, for callers who prefer them to openapi-fetch's `{ data, error }` results.
 *
 * Every call of an openapi-fetch client resolves to `{ data, error, response }`: `error` is the
 * surface's error envelope (typed from the spec) on a 4xx or 5xx answer. `unwrap` turns that into
 * the success body or a thrown `ApiError`, which carries the surface's code, message and request id
 * (docs/ERRORS.md lists the codes).
 */

/** A 4xx or 5xx answer, read from any of Charter's error envelopes. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** The surface's error code (`RESOURCE_NOT_FOUND`, `INVALID_CREDENTIALS`, `invalid_grant`...). */
    readonly code: string | undefined,
    message: string,
    /** The request's id: quote it when reporting a problem. */
    readonly requestId: string | undefined,
    /** The error body as sent. */
    readonly body: unknown,
  ) {
    super(`${status} ${code ?? "error"}: ${message}${requestId ? ` (request ${requestId})` : ""}`);
  }

  /** Read the code, message and request id of a v1, v2, ingestion, OAuth or RFC 9457 body. */
  static from(response: Response, body: unknown): ApiError {
    const record = isRecord(body) ? body : {};
    const error = record["error"];
    let code: string | undefined;
    let message = "";
    if (isRecord(error)) {
      code = asString(error["code"]);
      message = asString(error["message"]) ?? "";
    } else if (typeof error === "string") {
      code = error;
      message = asString(record["error_description"]) ?? "";
    } else {
      code = asString(record["code"]);
      message = asString(record["detail"]) ?? asString(record["title"]) ?? "";
    }
    const requestId = asString(record["request_id"]) ?? response.headers.get("X-Request-Id") ?? undefined;
    return new ApiError(response.status, code, message || response.statusText, requestId, body);
  }
}

/** What every openapi-fetch call resolves to. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The success body of a call, or a thrown `ApiError`: `const page = unwrap(await v1.GET("/users"))`. */
export function unwrap<T>(result: FetchResult<T>): T {
  if (result.response.ok && result.error === undefined) {
    return result.data as T;
  }
  throw ApiError.from(result.response, result.error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
