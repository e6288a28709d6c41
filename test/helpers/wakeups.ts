/** Lets a test wait for a server's next notification, or 100 ms, whichever comes first. */
export class Wakeups {
  private readonly waiting: (() => void)[] = [];

  /** Call on every notification. */
  wake(): void {
    this.waiting.splice(0).forEach((resolve) => resolve());
  }

  next(ms = 100): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      setTimeout(resolve, ms);
    });
  }
}
