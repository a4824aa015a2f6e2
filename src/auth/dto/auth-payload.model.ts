import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { UserEntity } from 'src/auth/user.entity';

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field()
  token: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => UserEntity)
  user: UserEntity;
}
