// The environment variables the Lambdas read: one source of truth shared by the CDK stack and the config parser.
export const ENV = {
  tableName: 'TABLE_NAME',
  dueShards: 'DUE_SHARDS',
  queueUrl: 'QUEUE_URL',
  fromAddress: 'FROM_ADDRESS',
  inboundDomain: 'INBOUND_DOMAIN',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  configurationSet: 'SES_CONFIGURATION_SET',
  operatorName: 'OPERATOR_NAME',
  operatorAddress: 'OPERATOR_POSTAL_ADDRESS',
  tokenSecretArn: 'TOKEN_SECRET_ARN',
  tokenSecret: 'TOKEN_SECRET',
  dynamoEndpoint: 'DYNAMODB_ENDPOINT',
  sesEndpoint: 'SES_ENDPOINT',
  s3Endpoint: 'S3_ENDPOINT',
  inboundBucket: 'INBOUND_BUCKET',
  inboundPrefix: 'INBOUND_PREFIX',
  /** 'true' on AWS: a reply counts only if SES's SPF or DKIM verdict passed (locally nothing checks them). */
  requireSenderAuth: 'REQUIRE_SENDER_AUTH',
  // The sign-up limits (api and inbound): sign-ups an hour per source address and per email address, and how
  // many confirmation emails one pending address may get while its links work.
  signupsPerSourcePerHour: 'SIGNUPS_PER_SOURCE_PER_HOUR',
  signupsPerAddressPerHour: 'SIGNUPS_PER_ADDRESS_PER_HOUR',
  maxConfirmSends: 'MAX_CONFIRM_SENDS',
  /**
   * Dispatch and send-week: a week claimed this many seconds ago whose email is not out is sent again by the
   * next dispatch (the local stack reads COACH_STALE_CLAIM_SECONDS instead).
   */
  staleClaimSeconds: 'STALE_CLAIM_SECONDS',
} as const;

/** Names of the DynamoDB table's due index and its key attributes (the dispatcher queries it; the stack creates it). */
export const DUE_INDEX = {
  name: 'due-index',
  partitionKey: 'dueShard',
  sortKey: 'nextSendAt',
} as const;

/**
 * The sparse index of claimed weeks whose email is not out yet (dispatch sweeps the stale ones). Only a claimed
 * week item carries the partition key; sending the week removes it.
 */
export const CLAIM_INDEX = {
  name: 'claim-index',
  partitionKey: 'claimShard',
  sortKey: 'claimedAt',
} as const;

/** The TTL attribute on the table (epoch seconds). */
export const TTL_ATTRIBUTE = 'expiresAt';
