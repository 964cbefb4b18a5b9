// Overbooking through HTTP: two server processes on one MariaDB database, 50 simultaneous order
// forms for the last free spot of a shared LED unit and 50 for a static face, alternating between
// the servers. Exactly the free capacity must be sold, every loser must hear which unit and which
// days, and no unit-day may end up over capacity. Runs when E2E_MYSQL_URL names a MariaDB server.
import { createPool } from "mysql2/promise";
import { newId } from "../../db/ids";
import { createDb, parseDatabaseUrl } from "../../db/connection";
import { dailyUsage } from "../../app/modules/booking/capacity.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { todayInShanghai } from "../../app/utils/time";
import { assert, assertEqual, type TestCase } from "./harness";
import { DEMO_PASSWORD, type RunningServer, startApp } from "./server";

const RACERS = 50;

async function login(server: RunningServer): Promise<string> {
  const response = await fetch(`${server.baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.baseUrl },
    body: new URLSearchParams({ username: "demo-sales", password: DEMO_PASSWORD, next: "/" }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`登录失败：${response.status}`);
  return cookie;
}

/** The page's error messages, to say why a form was refused. */
function alerts(html: string): string {
  return [...html.matchAll(/role="alert">([^<]*)</g)].map((m) => m[1]).join("；");
}

interface Racer { server: RunningServer; cookie: string }

function postOrder(racer: Racer, fields: Record<string, string>) {
  return fetch(`${racer.server.baseUrl}/orders/new`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: racer.server.baseUrl, Cookie: racer.cookie },
    body: new URLSearchParams({ idempotency_key: newId(), title: "并发测试", product: "", ad_category: "general", approval_number: "", terms: "", kind: "paid", daypart: "", seconds: "", position: "", discount: "", net: "", content: "", intent: "confirm", ...fields }),
  });
}

export function buildHttpRaceCases(root: string, mysqlUrl: string): TestCase[] {
  const name = `rm_race_${process.pid}_${Date.now()}`;
  const server = new URL(mysqlUrl);
  const url = new URL(mysqlUrl);
  url.pathname = `/${name}`;
  const state: { servers: RunningServer[] } = { servers: [] };

  const race = async (unitCode: string, quantity: number, from: string, to: string, clientName: string) => {
    const racers: Racer[] = await Promise.all(state.servers.map(async (s) => ({ server: s, cookie: await login(s) })));
    const responses = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => postOrder(racers[i % racers.length], { client: clientName, unit: unitCode, start_date: from, end_date: to, quantity: String(quantity) })),
    );
    const won = responses.filter((r) => r.status === 302);
    const lost = responses.filter((r) => r.status === 409);
    assertEqual(won.length, 1, `${unitCode} 的 ${RACERS} 个并发下单中成功的个数`);
    assertEqual(lost.length, RACERS - 1, `${unitCode} 被拒绝（409）的个数`);
    for (const response of lost) {
      const html = await response.text();
      assert(html.includes(unitCode) && html.includes(`${from} 至 ${to}`), `拒绝页应写明广告位 ${unitCode} 和日期 ${from} 至 ${to}`);
    }
  };

  return [
    {
      name: "两个服务进程共用 MariaDB：启动并登录",
      fn: async () => {
        const admin = await createPool({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username || "root"), password: decodeURIComponent(server.password) });
        await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
        await admin.end();
        // The first migrates and seeds; the second starts on the ready database.
        state.servers.push(await startApp(root, { databaseUrl: url.toString() }));
        state.servers.push(await startApp(root, { databaseUrl: url.toString() }));
        for (const s of state.servers) await login(s);
      },
    },
    {
      name: `HTTP 并发：${RACERS} 个请求抢 LED 屏最后 1 个时段、${RACERS} 个请求抢同一块静态牌，只成交空余的数量，日占用不超容量`,
      fn: async () => {
        assertEqual(state.servers.length, 2, "服务进程数");
        const db = createDb(parseDatabaseUrl(url.toString()));
        try {
          const led = await db.selectFrom("units").select(["id", "code", "capacity", "center_id"]).where("medium", "=", "led").where("archived", "=", 0).where("status", "=", "available").orderBy("code").executeTakeFirstOrThrow();
          const face = await db.selectFrom("units").select(["id", "code", "center_id"]).where("medium", "=", "outdoor_static").where("archived", "=", 0).where("status", "=", "available").orderBy("code").executeTakeFirstOrThrow();
          const client = await db.selectFrom("clients").select("name").where("center_id", "=", led.center_id).orderBy("name").executeTakeFirstOrThrow();
          // Far enough ahead that the demo bookings don't touch it, inside the permits' term.
          const from = addDays(todayInShanghai(), 200);
          const to = addDays(from, 6); // rate cards ask for at least 7 days
          const [first] = await Promise.all(state.servers.slice(0, 1).map(async (s) => postOrder({ server: s, cookie: await login(s) }, { client: client.name, unit: led.code, start_date: from, end_date: to, quantity: String(led.capacity - 1) })));
          assertEqual(first.status, 302, `先订下 ${led.code} 的 ${led.capacity - 1} 个时段（${first.status === 302 ? "" : alerts(await first.text())}）`);
          await race(led.code, 1, from, to, client.name);
          await race(face.code, 1, from, to, client.name);
          const now = new Date().toISOString();
          const usage = await dailyUsage(db, led.center_id, { from, to, now }, [led.id, face.id]);
          assertEqual([...(usage.get(led.id) ?? [])], Array(7).fill(led.capacity), `${led.code} 每天占用`);
          assertEqual([...(usage.get(face.id) ?? [])], Array(7).fill(1), `${face.code} 每天占用`);
        } finally {
          await db.destroy();
        }
      },
    },
    {
      name: "两个服务进程：停止并删除临时数据库",
      fn: async () => {
        await Promise.all(state.servers.map((s) => s.stop()));
        const admin = await createPool({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username || "root"), password: decodeURIComponent(server.password) });
        await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.end();
      },
    },
  ];
}
