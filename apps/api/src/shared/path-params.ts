import { NotFoundException, PipeTransform } from '@nestjs/common';

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Ids in paths: anything that could not be an id of ours is simply not found. */
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!ID.test(value))
      throw new NotFoundException(`No ${this.what} ${JSON.stringify(value.slice(0, 100))}`);
    return value;
  }
}

/** Emails in paths are compared lower-case everywhere. */
export class ParseEmailPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const email = value.trim().toLowerCase();
    if (email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)) {
      throw new NotFoundException(`No person ${JSON.stringify(value.slice(0, 100))} here`);
    }
    return email;
  }
}
