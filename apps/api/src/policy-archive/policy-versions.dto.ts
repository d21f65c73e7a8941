import { ApiProperty } from '@nestjs/swagger';

/** One adoption of the archive, as `GET /v1/policy/versions` lists it. */
export class PolicyVersionSummaryDto {
  @ApiProperty({ example: 'acme-2026-1', description: 'The `version` SLA targets record (`policyVersion`)' })
  version!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'From when targets were computed under it (the start that recorded it; demo-data: the first simulated instant); null on adoptions recorded before it was kept',
  })
  adoptedAt!: string | null;

  @ApiProperty({ description: 'When the archive recorded it (the time its hash covers)' })
  recordedAt!: string;

  @ApiProperty({ type: 'integer', description: 'Its revision in the stream `support-policy-versions`' })
  revision!: number;

  @ApiProperty()
  eventId!: string;

  @ApiProperty({ description: 'Its hash in the stream’s chain, as `casetrail verify` and `export` check it' })
  hash!: string;

  @ApiProperty({ description: 'Whether this process runs under it now (the policy in force)' })
  inForce!: boolean;
}

export class PolicyVersionListDto {
  @ApiProperty({ example: 'support-policy-versions' })
  stream!: string;

  @ApiProperty({ description: 'The version this process runs under now' })
  inForce!: string;

  @ApiProperty({ type: [PolicyVersionSummaryDto], description: 'Every recorded version, oldest first' })
  items!: PolicyVersionSummaryDto[];
}

/** One version whole: the adoption and the policy it recorded. */
export class PolicyVersionDto extends PolicyVersionSummaryDto {
  @ApiProperty({ description: 'The hash of the adoption before it in the chain (64 zeros for the first)' })
  previousHash!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The policy as it was recorded, merged over the built-in one: `version`, `severities`, `atRiskShare`, `escalation`, `autoClose`, `reopen`, `plans`, `licensing`, `calendar`, `calendars` (README "The support policy file")',
  })
  policy!: Record<string, unknown>;

  @ApiProperty({
    required: false,
    enum: [true],
    description:
      'Present for a customer’s compliance auditor (a token scoped to accounts): `policy.calendars` holds only the named calendars her accounts and their cases use (others are made for other customers); the default calendar and every other setting are whole, and `hash` covers the policy as recorded',
  })
  calendarsLimited?: true;
}
