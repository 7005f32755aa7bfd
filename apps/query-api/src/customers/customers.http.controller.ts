import { Controller, Get, HttpStatus, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, ProblemException, Reads, customerIdParam, maySee, principalOf, visibleView, visibleViewJson, type AppConfig } from '@crm/platform';
import { CUSTOMER_LIST_FILTERS, CUSTOMER_LIST_SORTS, CUSTOMER_NAME_FIELD, CUSTOMER_VIEW, InvalidCursorError, waitForRevision, type Condition, type DocumentPage } from '@crm/read-models';
import { ReadModelCollections } from '../read-model-collections';
import { GetCustomerQuery } from './get-customer.query.dto';
import { ListCustomersQuery } from './list-customers.query.dto';

type CustomerViewDocument = { id: string; revision: number } & Record<string, unknown>;

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

@ApiTags('customers')
@Controller('customers')
export class CustomersHttpController {
  constructor(
    @Inject(ReadModelCollections) private readonly collections: ReadModelCollections,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':customerId')
  @Reads('customers')
  @ApiOperation({ summary: 'The unified customer view: one picture for every department' })
  async get(
    @Param('customerId', customerIdParam) customerId: string,
    @Query() query: GetCustomerQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const view = await this.collections.get<CustomerViewDocument>(CUSTOMER_VIEW);
    if (query.minRevision !== undefined) {
      const wait = await waitForRevision(view, customerId, query.minRevision, this.config.readYourWritesTimeoutMs);
      if (!wait.caughtUp) {
        throw new ProblemException(HttpStatus.CONFLICT, 'The view has not caught up with the requested revision yet', undefined, {
          minRevision: query.minRevision,
          currentRevision: wait.revision,
        });
      }
    }
    // Answered as stored: the JSON text is filtered, never parsed and serialised again.
    const customer = await view.getJson(customerId);
    if (!customer) throw new ProblemException(HttpStatus.NOT_FOUND, `Customer ${customerId} not found`);
    void reply.header('ETag', `"${customer.revision}"`).type(JSON_CONTENT_TYPE);
    return visibleViewJson(principalOf(request).role, customer.json);
  }

  @Get()
  @Reads('customers')
  @ApiOperation({ summary: 'Search customers by status, stage, tier, loyalty, role and name prefix' })
  async list(@Query() query: ListCustomersQuery, @Req() request: FastifyRequest): Promise<DocumentPage<Partial<CustomerViewDocument>>> {
    const { role } = principalOf(request);
    const where: Condition[] = [];
    for (const [parameter, field] of Object.entries(CUSTOMER_LIST_FILTERS)) {
      const value = query[parameter as keyof typeof CUSTOMER_LIST_FILTERS];
      if (value !== undefined) where.push({ field, op: 'eq', value });
    }
    if (query.q !== undefined && query.q.trim() !== '') {
      // A name search would reveal names to a role that may not see them.
      if (!maySee(role, 'personal')) throw new ProblemException(HttpStatus.FORBIDDEN, `The role ${role} may not search by name`);
      where.push({ field: CUSTOMER_NAME_FIELD, op: 'startsWith', value: query.q.trim().toLowerCase() });
    }
    const view = await this.collections.get<CustomerViewDocument>(CUSTOMER_VIEW);
    try {
      const page = await view.find({ where, sort: [...CUSTOMER_LIST_SORTS[query.sort ?? 'name']], limit: query.limit ?? 50, cursor: query.cursor });
      return { ...page, items: page.items.map((item) => visibleView(role, item)) };
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw new ProblemException(HttpStatus.BAD_REQUEST, 'The cursor is invalid', [{ field: 'cursor', reason: error.message }]);
      }
      throw error;
    }
  }
}
