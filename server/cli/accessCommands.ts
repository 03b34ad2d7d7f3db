import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { tokenRequestSchema, type ApiToken, type AuditEntry } from '../../schema/access.ts';
import { createApiToken, revokeApiToken } from '../auth/apiTokens.ts';
import { listAudit } from '../audit/listAudit.ts';
import type { GraphStore, RequestOrigin } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';

/** The actor of a CLI write: the person at the terminal, who has the store in hand anyway. */
export function cliActor(name: string): string {
  return `cli:${name}`;
}

/** The audit origin of one CLI command. */
export function cliOrigin(): RequestOrigin {
  return { clientAddress: 'local (cli)', requestId: `cli-${randomUUID()}` };
}

/** `trellis token create|list|revoke` and `trellis audit`, registered on the CLI program. */
export function registerAccessCommands(program: Command, withStore: <T>(work: (store: GraphStore) => Promise<T>) => Promise<T>, print: (value: unknown) => void): void {
  const token = program.command('token').description('API tokens: create (the secret is shown once), list, revoke');
  token.command('create')
    .description('create an API token and print its secret, once')
    .requiredOption('--name <name>', 'what the token is for (a pipeline, a person)')
    .requiredOption('--role <role>', 'viewer | editor | importer | change-manager | admin')
    .option('--team <id>', 'the Team CI the token acts for')
    .option('--expires <time>', 'when it stops working: an ISO time, or a duration like 90d')
    .option('--actor <name>', 'who creates it, for the audit trail', process.env.USER ?? 'cli')
    .option('--json', 'print the token and its secret as JSON')
    .action(async (options: { name: string; role: string; team?: string; expires?: string; actor: string; json?: boolean }) => {
      const request = parseOrThrow(tokenRequestSchema, { name: options.name, role: options.role, team: options.team, expiresAt: expiryOf(options.expires) }, 'token');
      const created = await withStore((store) => createApiToken(store, request, { actor: cliActor(options.actor), ...cliOrigin() }));
      if (options.json) return print(created);
      print(`${created.secret}\n\nToken "${created.token.name}" (id ${created.token.id}, role ${created.token.role}${created.token.expiresAt ? `, expires ${created.token.expiresAt}` : ''}).\nCopy the line above now: Trellis keeps only its hash and cannot show it again.\nUse it as: Authorization: Bearer <token>`);
    });
  token.command('list')
    .description('list API tokens (never their secrets)')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const tokens = await withStore((store) => store.listTokens());
      print(options.json ? tokens : formatTokens(tokens));
    });
  token.command('revoke')
    .description('revoke an API token: it stops working at once')
    .argument('<id>', 'the token id (from `trellis token list`)')
    .option('--actor <name>', 'who revokes it, for the audit trail', process.env.USER ?? 'cli')
    .action(async (id: string, options: { actor: string }) => {
      const revoked = await withStore((store) => revokeApiToken(store, id, { actor: cliActor(options.actor), ...cliOrigin() }));
      print(`revoked token "${revoked.name}" (${revoked.id}) at ${revoked.revokedAt}`);
    });
  program.command('audit')
    .description('the audit trail, newest first: who did what, when, from where')
    .option('--actor <actor>', 'only this actor (token:<name>:<id>, oidc:<subject>, cli:<user>)')
    .option('--ci <id>', 'only writes that changed this CI or a relationship at it')
    .option('--since <time>', 'only entries at or after this ISO time')
    .option('--until <time>', 'only entries at or before this ISO time')
    .option('--limit <n>', 'most entries', '50')
    .option('--json', 'print as JSON')
    .action(async (options: { actor?: string; ci?: string; since?: string; until?: string; limit: string; json?: boolean }) => {
      const limit = Math.min(Math.max(1, Number.parseInt(options.limit, 10) || 50), 1000);
      const entries = await withStore((store) => listAudit(store, { actor: options.actor, ci: options.ci, since: options.since, until: options.until, limit }));
      print(options.json ? entries : formatAudit(entries));
    });
}

/** `90d`, `12h` or an ISO time to an ISO time. */
function expiryOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d{1,5})([hd])$/.exec(text);
  if (!match) return text;
  return new Date(Date.now() + Number(match[1]) * (match[2] === 'd' ? 86_400_000 : 3_600_000)).toISOString();
}

function formatTokens(tokens: ApiToken[]): string {
  if (!tokens.length) return 'no API tokens';
  return tokens.map((t) => {
    const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt && t.expiresAt <= new Date().toISOString() ? `expired ${t.expiresAt}` : 'active';
    return `${t.id}  ${t.name}  ${t.role}${t.team ? ` (team ${t.team})` : ''}  ${state}  last used ${t.lastUsedAt ?? 'never'}`;
  }).join('\n');
}

function formatAudit(entries: AuditEntry[]): string {
  if (!entries.length) return 'no audit entries';
  return entries.map((e) => `${e.at}  ${e.actor}  ${e.action}  ${e.target}${e.summary ? `  (${e.summary})` : ''}  from ${e.clientAddress}, request ${e.requestId}`).join('\n');
}
