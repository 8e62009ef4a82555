#!/usr/bin/env node
// The `coach` command (`npx coach …`): runs the TypeScript CLI through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('./coach.ts');
