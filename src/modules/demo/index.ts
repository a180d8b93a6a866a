/** The synthetic demo region: its seed and its accounts (the sign-in page lists them). */
export { seedDemo, DEMO_ACCOUNTS, DEMO_DEFAULT_CHILDREN, type DemoSeedResult } from './seed-demo.ts';
