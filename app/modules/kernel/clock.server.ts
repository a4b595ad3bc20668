/**
 * The portal's "now". Normally the system clock. The end-to-end test server sets CLOCK_START (an ISO instant):
 * the clock then starts there and runs at normal speed, so every run sees the same calendar — the same
 * weekdays, holidays and booking horizon — whatever the day the tests run.
 */
function offsetMs(): number {
  // Computed once per process and kept in the environment, so the server build and scripts loaded beside it
  // (each with its own copy of this module) agree to the millisecond.
  if (process.env.CLOCK_OFFSET_MS) return Number(process.env.CLOCK_OFFSET_MS);
  const start = process.env.CLOCK_START ? Date.parse(process.env.CLOCK_START) : Number.NaN;
  const offset = Number.isNaN(start) ? 0 : start - Date.now();
  process.env.CLOCK_OFFSET_MS = String(offset);
  return offset;
}

const offset = offsetMs();

export const clock = {
  now(): Date {
    return new Date(Date.now() + offset);
  },
};
