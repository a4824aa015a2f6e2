import { ValidateIf } from 'class-validator';

/**
 * For update inputs: checks a field whenever the client sent it, even as null
 * (which the rules that follow then refuse), and skips it when left out.
 * Unlike `@IsOptional()`, which lets null through.
 */
export const ValidateIfSent = (): PropertyDecorator => ValidateIf((_: object, value: unknown) => value !== undefined);
