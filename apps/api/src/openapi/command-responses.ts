import { applyDecorators, type Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { MissingCsmWarningDto } from '../accounts/dto/account-views.dto';
import { createdHeaders, DONE_HEADERS } from './response-headers';

/** CommandResponse (command-request.ts): what every command answers. */
export class CommandResponseDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The case, account or licence the command changed (or created)',
  })
  id!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Its revision after the change: the ETag, and the If-Match of the next change',
  })
  revision!: number;
}

/** A command that may leave a Mission Critical account without a CSM, and says so. */
export class CommandResponseWithWarningsDto extends CommandResponseDto {
  @ApiPropertyOptional({
    type: [MissingCsmWarningDto],
    description: 'Present when the change leaves the account Mission Critical with no CSM designated',
  })
  warnings?: MissingCsmWarningDto[];
}

/** A command answered 201: `{id, revision}` (or `answer`), the ETag and the Location of `created`. */
export const ApiCommandCreated = (created: string, answer: Type<unknown> = CommandResponseDto) =>
  applyDecorators(
    ApiResponse({
      status: 201,
      description: `Done; Location names ${created}`,
      type: answer,
      headers: createdHeaders(`Where ${created} is read (GET)`),
    }),
  );

/** A command answered 200: `{id, revision}` (or `answer`) and the ETag. */
export const ApiCommandDone = (answer: Type<unknown> = CommandResponseDto) =>
  applyDecorators(
    ApiResponse({
      status: 200,
      description: 'Done: the record changed and its new revision',
      type: answer,
      headers: DONE_HEADERS,
    }),
  );
