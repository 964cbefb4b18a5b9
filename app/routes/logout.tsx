import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { endSession } from "~/modules/auth/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const cookie = await endSession(context.db, request);
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/");
}
