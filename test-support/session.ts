/** Signs in a demo member through the real login handler and the WeChat simulator. */
import { handler as wechatLogin } from '../functions/src/auth/wechat-login';
import { invoke } from './http';

export async function signIn(openid: string): Promise<{ token: string; bound: boolean }> {
  const reply = await invoke(wechatLogin, { body: { code: `sim:${openid}` } });
  if (reply.status !== 200) throw new Error(`sign-in failed for ${openid}: ${reply.text}`);
  return reply.body;
}
