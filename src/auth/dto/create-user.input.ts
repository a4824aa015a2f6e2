import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Role } from 'src/common/request-context';

export const LOCALES = ['zh-CN', 'en'] as const;

@InputType()
export class CreateUserInput {
  @Field()
  @IsEmail({}, { message: 'email must be an email address such as name@bank.cn' })
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name: string;

  @Field()
  @IsString()
  @Length(10, 200, { message: 'password must be at least 10 characters' })
  password: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;

  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  orgUnitId: string;

  @Field({ defaultValue: 'zh-CN' })
  @IsOptional()
  @IsIn([...LOCALES], { message: 'locale must be zh-CN or en' })
  locale: string = 'zh-CN';
}
