import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IdField } from '../../shared/id-field.decorator';

/** Every account id the server hands out is a UUID (`newId`, or derived from an Idempotency-Key). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A report's `accountId` filter: an account id or a 400 naming it. A value that cannot be any
 * account's id is a mistake to say so, not a filter to answer with zeros; a well-formed id of no
 * account is 404 (ReportingAccess).
 */
export const AccountIdFilter = () =>
  applyDecorators(
    ApiPropertyOptional({ format: 'uuid', description: 'Only this account (a CSM may name only their own)' }),
    IsOptional(),
    IsString(),
    Matches(UUID, { message: 'accountId must be an account id (a UUID)' }),
    IdField(),
  );
