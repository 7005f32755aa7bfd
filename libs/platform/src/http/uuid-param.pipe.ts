import { HttpStatus, Injectable, type PipeTransform } from '@nestjs/common';
import { ProblemException } from './problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in paths are UUIDs; anything else is a malformed request, not an unknown resource. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, `${this.field} is malformed`, [
        { field: this.field, reason: 'must be a UUID' },
      ]);
    }
    return value.toLowerCase();
  }
}

export const customerIdParam = new UuidParamPipe('customerId');
