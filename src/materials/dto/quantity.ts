import { applyDecorators } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** The most copies one movement may carry: a print run is large, but not larger than this. */
export const MAX_QUANTITY = 1_000_000;
export const MAX_NOTE_LENGTH = 500;

/** A whole number of copies from `min` (1 unless told) to MAX_QUANTITY. */
export function IsQuantity(field: string, min = 1): PropertyDecorator {
  return applyDecorators(
    IsInt({ message: `${field} must be a whole number` }),
    Min(min, { message: `${field} must be at least ${min}` }),
    Max(MAX_QUANTITY, { message: `${field} must be at most ${MAX_QUANTITY}` }),
  );
}

/** An optional free-text note of at most 500 characters. */
export function IsNote(): PropertyDecorator {
  return applyDecorators(IsOptional(), IsString(), MaxLength(MAX_NOTE_LENGTH, { message: `note must be at most ${MAX_NOTE_LENGTH} characters` }));
}
