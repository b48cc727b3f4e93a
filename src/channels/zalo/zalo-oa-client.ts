import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import type { Logger } from '../../core/logger.js';
import type { Button } from '../../core/message.js';
import { backoffMs, SEND_RETRIES } from '../retry.js';
import { splitText } from '../split-text.js';
import type { ZaloTokens } from './zalo-token.js';

export const ZALO_TEXT_LIMIT = 2000;
/** Token errors: refresh once, send once more. */
const TOKEN_ERRORS = new Set([-216, -220, -124]);
/** The user is out of the interaction window or does not follow the OA: retrying cannot help. */
export const NO_RETRY_ERRORS = new Set([-213, -230, -232]);
/** Zalo's rate limit: back off and send again. */
const RATE_LIMITED = -32;


export class ZaloApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ZaloApiError';
  }
}

interface ZaloAnswer {
  error: number;
  message?: string;
}

/** Sends customer-service messages through the OA Open API (v3). Zalo reports failures with HTTP 200 and error ≠ 0. */
export class ZaloOaClient {
  constructor(
    private readonly apiBase: string,
    private readonly tokens: ZaloTokens,
    private readonly log: Logger,
  ) {}

  private async post(body: unknown): Promise<ZaloAnswer> {
    const call = async (token: string) => {
      const res = await request(`${this.apiBase}/v3.0/oa/message/cs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: token },
        body: JSON.stringify(body),
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
      });
      const text = await res.body.text();
      try {
        return JSON.parse(text) as ZaloAnswer;
      } catch {
        return { error: -res.statusCode, message: `HTTP ${res.statusCode}, not JSON` };
      }
    };
    const once = async () => {
      let answer = await call(await this.tokens.accessToken());
      if (TOKEN_ERRORS.has(answer.error)) {
        this.log.warn({ error: answer.error }, 'zalo: token refused, refreshing once');
        await this.tokens.refresh();
        answer = await call(await this.tokens.accessToken());
      }
      return answer;
    };
    // the rate limit, a server error (non-JSON answer with HTTP 5xx) or a failed connection is tried
    // again after 0.5, 1 and 2 s; a refusal is returned at once
    for (let attempt = 1; ; attempt++) {
      let answer: ZaloAnswer;
      try {
        answer = await once();
      } catch (err) {
        if (attempt > SEND_RETRIES) throw err;
        this.log.warn({ err: String(err) }, 'zalo: connection failed, trying again');
        await sleep(backoffMs(attempt));
        continue;
      }
      const transient = answer.error === RATE_LIMITED || answer.error <= -500;
      if (!transient || attempt > SEND_RETRIES) return answer;
      this.log.warn({ error: answer.error }, 'zalo: busy, trying again');
      await sleep(backoffMs(attempt));
    }
  }

  /** One answer: text split at 2,000 characters, the buttons (oa.query.hide) on the last part. */
  async sendText(userId: string, text: string, buttons: Button[] = []): Promise<void> {
    const parts = splitText(text, ZALO_TEXT_LIMIT);
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      const message: Record<string, unknown> = { text: part };
      if (last && buttons.length > 0) {
        message.attachment = {
          type: 'template',
          payload: { buttons: buttons.slice(0, 5).map((b) => ({ title: b.label.slice(0, 100), type: 'oa.query.hide', payload: b.payload })) },
        };
      }
      const answer = await this.post({ recipient: { user_id: userId }, message });
      if (answer.error !== 0) throw new ZaloApiError(answer.error, `Zalo OA refused the message: ${answer.error} ${answer.message ?? ''}`.trim());
    }
  }
}
