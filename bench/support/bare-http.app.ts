import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** The shape and rules of the command API's purchase line, so validation costs the same. */
class BarePurchaseLine {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  product: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  category: string;

  @IsInt()
  @Min(1)
  quantity: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  revenue: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  cost: number;
}

class BarePurchaseRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  orderId: string;

  @IsISO8601({ strict: true })
  occurredAt: string;

  @IsIn(['store', 'web', 'phone', 'field-sales', 'distributor', 'marketplace'])
  channel: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BarePurchaseLine)
  lines: BarePurchaseLine[];
}

/**
 * The floor the HTTP rows are measured against: the same framework, adapter and validation,
 * and nothing behind them. POST answers 201 once the body is validated; GET answers a fixed
 * customer view document captured from the real app.
 */
export function bareHttpModule(cannedDocument: unknown) {
  @Controller('customers')
  class BareCustomersController {
    @Post(':customerId/purchases')
    recordPurchase(@Param('customerId') customerId: string, @Body() body: BarePurchaseRequest) {
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
