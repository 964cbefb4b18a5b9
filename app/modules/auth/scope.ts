import type { Role } from "~db/schema";

/** Who is asking, and for which center. Every data function that serves a request takes it. */
export interface Scope {
  centerId: string;
  userId: string | null;
  role: Role;
}
