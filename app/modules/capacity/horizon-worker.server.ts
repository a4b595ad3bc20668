import { logger } from "~/utils/logger.server";
import { extendAllHorizons } from "./slots.server";

const EVERY_MS = 6 * 60 * 60 * 1000;
let timer: NodeJS.Timeout | undefined;

/** Rolls every offer's booking horizon forward shortly after start and then every six hours. */
export function startHorizonRoller(): () => void {
  if (timer) return stopHorizonRoller;
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    extendAllHorizons()
      .then((result) => logger.info(result, "slot horizons extended"))
      .catch((error: unknown) => logger.error({ err: error }, "extending slot horizons failed"))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(run, 5_000);
  first.unref();
  timer = setInterval(run, EVERY_MS);
  timer.unref();
  return stopHorizonRoller;
}

export function stopHorizonRoller(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
