import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { settingsTabs } from "~/components/nav";
import { requireUser } from "~/modules/auth/guard.server";
import { forbidden } from "~/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireUser(request, context);
  const first = settingsTabs(caller.user.role)[0];
  if (!first) forbidden();
  throw redirect(first.href);
}
