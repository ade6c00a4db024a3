/** Signs in a demo staff member through the real staff login handler. */
import { handler as staffLogin } from '../functions/src/staff/login';
import { DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { invoke } from './http';

export async function staffToken(username: string): Promise<string> {
  const reply = await invoke(staffLogin, { body: { username, password: DEMO_STAFF_PASSWORD } });
  if (reply.status !== 200) throw new Error(`staff sign-in failed for ${username}: ${reply.text}`);
  return reply.body.token;
}
