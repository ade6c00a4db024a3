/**
 * The init baseline of `npm run bench`: a Lambda function that creates the DynamoDB client every
 * function of ours uses, and nothing else. Not deployed.
 */
import { dynamo } from '../../functions/src/platform/dynamo';

const client = dynamo();

export async function handler(): Promise<{ statusCode: number; body: string }> {
  return { statusCode: 200, body: client ? 'ok' : 'no client' };
}
