import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { ProblemException } from './problem';
import { createValidationPipe } from './validation.pipe';

class OptionalQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minRevision?: number;
}

class RequiredQuery {
  @IsString()
  asOf!: string;
}

const asQuery = (metatype: new () => unknown) => ({ type: 'query' as const, metatype, data: undefined });

async function problemOf(attempt: Promise<unknown>) {
  const error = await attempt.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ProblemException);
  return (error as ProblemException).getResponse();
}

describe('the validation pipe on query parameters', () => {
  it('turns every empty query into an instance of a class whose parameters are all optional', async () => {
    const pipe = createValidationPipe();

    for (let request = 0; request < 3; request += 1) {
      const query = await pipe.transform({}, asQuery(OptionalQuery));
      expect(query).toBeInstanceOf(OptionalQuery);
      expect(query).toEqual({});
    }
  });

  it('refuses every empty query for a class with a required parameter, not only the first', async () => {
    const pipe = createValidationPipe();

    for (let request = 0; request < 2; request += 1) {
      expect(await problemOf(pipe.transform({}, asQuery(RequiredQuery)))).toMatchObject({
        statusCode: 400,
        details: [{ field: 'asOf', reason: 'asOf must be a string' }],
      });
    }
  });

  it('still validates and converts the parameters a query carries after an empty one passed', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({}, asQuery(OptionalQuery));

    expect(await pipe.transform({ minRevision: '4' }, asQuery(OptionalQuery))).toEqual({ minRevision: 4 });
    expect(await problemOf(pipe.transform({ minRevision: '-1' }, asQuery(OptionalQuery)))).toMatchObject({
      details: [{ field: 'minRevision', reason: 'minRevision must not be less than 0' }],
    });
    expect(await problemOf(pipe.transform({ other: 'x' }, asQuery(OptionalQuery)))).toMatchObject({
      details: [{ field: 'other', reason: 'property other should not exist' }],
    });
  });
});
