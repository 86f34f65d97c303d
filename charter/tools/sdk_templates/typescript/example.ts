/**
 * Type-level examples: `npx tsc --noEmit` (run by `.ci/run`) checks them against the generated
 * types, so a renamed path, parameter or field in a spec breaks the build here. Every
 * `@ts-expect-error` line must fail to type-check: it proves that the types reject a wrong name.
 * Nothing here runs; see README.md for how to call the API.
 */
import { ApiError, createV1Client, createV2Client, unwrap } from "./client";

/** Log in on /v2, then list users on /v1 with the access token. */
export async function loginThenListUsers(origin: string): Promise<string[]> {
  const v2 = createV2Client(origin);
  const tokens = unwrap(
    await v2.POST("/auth/login", { body: { username: "admin", password: "a long password" } }),
  );
  const v1 = createV1Client(origin, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
  const page = unwrap(await v1.GET("/users", { params: { query: { limit: 10, status: "active" } } }));
  return page.data.map((user) => user.username);
}

/** openapi-fetch's own style: branch on the typed error body instead of catching. */
export async function findUser(origin: string, apiKey: string, userId: string) {
  const v1 = createV1Client(origin, { headers: { "X-API-Key": apiKey } });
  const { data, error, response } = await v1.GET("/users/{user_id}", {
    params: { path: { user_id: userId } },
  });
  if (error) {
    // The /v1 envelope, or RFC 9457 problem details when asked for with Accept.
    const code = "error" in error ? error.error.code : error.code;
    if (code === "RESOURCE_NOT_FOUND") {
      return null;
    }
    throw ApiError.from(response, error);
  }
  return data.data;
}

/**
 * Wrong names and types are compile errors. (openapi-fetch infers a call's options generically, so
 * TypeScript's excess-property check does not run on them: a misspelt *optional* query parameter
 * or body field next to valid ones is not reported.)
 */
export async function wrongNamesFail(origin: string): Promise<void> {
  const v1 = createV1Client(origin);
  // @ts-expect-error there is no GET /v1/userz
  await v1.GET("/userz");
  // @ts-expect-error the path parameter is `user_id`, not `id`
  await v1.GET("/users/{user_id}", { params: { path: { id: "usr_1" } } });
  // @ts-expect-error `limit` is a number
  await v1.GET("/users", { params: { query: { limit: "ten" } } });
  const v2 = createV2Client(origin);
  // @ts-expect-error the login body's field is `password`: a misspelt `pass` leaves it missing
  await v2.POST("/auth/login", { body: { username: "admin", pass: "a long password" } });
  const page = unwrap(await v1.GET("/users"));
  // @ts-expect-error a user has `username`, not `name`
  console.log(page.data[0]?.name);
}
