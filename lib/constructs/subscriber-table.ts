// The one DynamoDB table (subscribers, their weeks, address uniqueness), and how each function may use it.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { CLAIM_INDEX, DUE_INDEX, TTL_ATTRIBUTE } from '#lambdas/env-names';
import type { EnvironmentPart } from '#lib/lambda-environment';
import type { Wiring } from './coach-function';

export interface SubscriberTableProps {
  /** Shards of the due index; every function that writes a subscriber computes the shard key from it. */
  readonly dueShards: number;
}

export class SubscriberTable extends Table {
  /** Shards of the due index (the hourly dispatch runs one invocation per shard). */
  readonly dueShards: number;
  private readonly environment: EnvironmentPart;

  constructor(scope: Construct, id: string, props: SubscriberTableProps) {
    super(scope, id, {
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      encryption: TableEncryption.AWS_MANAGED,
      // Subscribers and their history outlive any one deployment of the code.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    this.addGlobalSecondaryIndex({
      indexName: DUE_INDEX.name,
      partitionKey: { name: DUE_INDEX.partitionKey, type: AttributeType.STRING },
      sortKey: { name: DUE_INDEX.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    // Claimed weeks whose email is not out yet (sparse: sending removes the key); keys are all the sweep needs.
    this.addGlobalSecondaryIndex({
      indexName: CLAIM_INDEX.name,
      partitionKey: { name: CLAIM_INDEX.partitionKey, type: AttributeType.STRING },
      sortKey: { name: CLAIM_INDEX.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    this.dueShards = props.dueShards;
    this.environment = { tableName: this.tableName, dueShards: String(props.dueShards) };
  }

  /** Item reads and writes on the table itself: no Scan, no streams, no index (only dispatch queries it). */
  items(): Wiring {
    return this.wiring([
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:ConditionCheckItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ]);
  }

  /**
   * For the feedback Lambda: look the address up, then write the suppression record and the subscriber
   * (conditional on its version). Item reads and writes only; no Scan, no deletes, no batch writes, no index.
   */
  suppressions(): Wiring {
    return this.wiring([
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:ConditionCheckItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
  }

  /** For the dispatch Lambda: query the due index and the claim index, and nothing else on the table. */
  dueIndex(): Wiring {
    const statement = new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: [`${this.tableArn}/index/${DUE_INDEX.name}`, `${this.tableArn}/index/${CLAIM_INDEX.name}`],
    });
    return { environment: this.environment, grant: (fn) => fn.addToRolePolicy(statement) };
  }

  private wiring(actions: string[]): Wiring {
    const statement = new PolicyStatement({ actions, resources: [this.tableArn] });
    return { environment: this.environment, grant: (fn) => fn.addToRolePolicy(statement) };
  }
}
