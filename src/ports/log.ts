/** Structured log fields. Never put secrets or page bodies here. */
export interface LogFields {
  pageId?: string;
  targetId?: string;
  deliveryId?: string;
  attempt?: number;
  [key: string]: string | number | boolean | undefined;
}

export interface Log {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}
