#!/usr/bin/env node
// Entry point of the `samenspel` command. Runs the TypeScript sources through tsx,
// so `npx samenspel …` works straight from a clone without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
