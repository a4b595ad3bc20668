/** Who does something: the signed-in person and the address the request came from (for the audit log). */
export type Actor = { userId: string; email: string; name: string; ip: string };

/** The actor of a request, from its session and the server's load context. */
export function actorFrom(session: { user: { id: string; email: string; name: string } }, context: { ip: string }): Actor {
  return { userId: session.user.id, email: session.user.email, name: session.user.name, ip: context.ip };
}
