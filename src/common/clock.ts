import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The current time. Rules that depend on "now" (link expiry, default ranges)
 * read it from here, so a test can move time without sleeping:
 * `jest.spyOn(app.get(Clock), 'now').mockReturnValue(later)`.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** Provides the one Clock to every module. */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
