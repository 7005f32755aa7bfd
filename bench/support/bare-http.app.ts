import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
// The command API's own request class, so the baseline validates exactly what the real endpoint does.
import { RecordPurchaseRequest } from '../../apps/command-api/src/customers/touchpoints/record-purchase.request.dto';

/**
 * The floor the HTTP rows are measured against: the same framework, adapter and validation,
 * and nothing behind them. POST answers 201 once the body is validated; GET answers a fixed
 * customer view document captured from the real app.
 */
export function bareHttpModule(cannedDocument: unknown) {
  @Controller('customers')
  class BareCustomersController {
    @Post(':customerId/purchases')
    recordPurchase(@Param('customerId') customerId: string, @Body() body: RecordPurchaseRequest) {
      return { customerId, revision: body.lines.length };
    }

    @Get(':customerId')
    get() {
      return cannedDocument;
    }
  }

  @Module({ controllers: [BareCustomersController] })
  class BareHttpModule {}

  return BareHttpModule;
}
