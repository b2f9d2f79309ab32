import { InputError } from '../errors.js';
import { createApiToken, createUser, parseRole } from '../services/accounts.js';
import type { CliIO } from './io.js';
import { withServices } from './services.js';

/** The password on standard input: its first line, so `echo … |` and a file both work; never an argument, which `ps` would show. */
async function passwordFromStdin(io: CliIO): Promise<string> {
  const password = (await io.readStdin()).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  if (password === '') throw new InputError('give the password on standard input, e.g. workbench user add NAME --role editor < password.txt');
  return password;
}

/** `workbench user add NAME --role ROLE`: creates an account; prints its id. */
export async function addUser(name: string, role: string | undefined, io: CliIO): Promise<number> {
  const parsedRole = parseRole(role);
  const password = await passwordFromStdin(io);
  const user = await withServices((ctx) => createUser(ctx, { name, role: parsedRole, password }));
  io.stdout(`${user.id}\n`);
  io.stderr(`Added ${user.name} (${user.role}).\n`);
  return 0;
}

/** `workbench token create --user NAME`: prints a new API token once; only its hash is kept. */
export async function createToken(userName: string, label: string | undefined, io: CliIO): Promise<number> {
  const { token, user } = await withServices((ctx) => createApiToken(ctx, userName, label ?? 'command line'));
  io.stdout(`${token}\n`);
  io.stderr(`Token for ${user.name} (${user.role}). It is shown only now; revoke it on the API tokens page.\n`);
  return 0;
}
