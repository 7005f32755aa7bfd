import { readFileSync } from 'node:fs';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { Allow, Reads } from '@crm/platform';
// The command API's own request class, so the baseline validates exactly what the real endpoint does.
import { RecordPurchaseRequest } from '../../apps/command-api/src/customers/touchpoints/record-purchase.request.dto';

/** Where the bare endpoints live in the app they are added to, beside its own routes. */
export const BARE_ENDPOINT_PREFIX = '/bench/bare';

let cannedDocument: unknown;

/**
 * The floor the HTTP rows are measured against: endpoints added to the measured app itself, so
 * they pass through the same Nest + Fastify pipeline (security headers, API key check and access
 * matrix, validation pipe, problem filter, metrics) with nothing behind them. POST answers 201
 * once the body is validated; GET answers the customer view document the bench captured from the
 * real endpoint (BARE_DOCUMENT_FILE), read on the first request and kept in memory.
 */
@Controller(`${BARE_ENDPOINT_PREFIX.slice(1)}/customers`)
class BareEndpointController {
  @Post(':customerId/purchases')
  @Allow('RecordPurchase')
  recordPurchase(@Param('customerId') customerId: string, @Body() body: RecordPurchaseRequest) {
    return { customerId, revision: body.lines.length };
  }

  @Get(':customerId')
  @Reads('customers')
  get() {
    cannedDocument ??= JSON.parse(readFileSync(process.env.BARE_DOCUMENT_FILE ?? '', 'utf8'));
    return cannedDocument;
  }
}

@Module({ controllers: [BareEndpointController] })
export class BareEndpointModule {}
