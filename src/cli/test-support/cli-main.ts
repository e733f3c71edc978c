// Test support: the command as a process run from the sources (node --import tsx), for tests that send signals.
import { main } from '../main.js';

process.exitCode = await main(process.argv.slice(2));
