// The order of a list: an `orderBy` argument of a field and a direction, for every connection
// at the root. Each order ends with the id in the same direction, so every row has one place
// and cursors page through the list without skipping or repeating a row.
import { builder } from '../builder.js';

export type Direction = 'asc' | 'desc';

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Which way a list runs (chiều sắp xếp). Thứ tự: ASC → DESC.',
  values: {
    ASC: { value: 'asc', description: 'Tăng dần: A → Z theo thứ tự tiếng Việt, số nhỏ trước, ngày sớm trước.' },
    DESC: { value: 'desc', description: 'Giảm dần: Z → A, số lớn trước, ngày muộn trước.' },
  } as const,
});

interface OrderField<Row> {
  /** Vietnamese, as the enum value's description. */
  description: string;
  /** The Prisma order of this field in a direction, without the closing id. */
  orderBy: (direction: Direction) => Row[];
}

/**
 * An order input for a list: `{ field, direction }`, with the field enum's values described and
 * the default said in the descriptions. Returns the input and the Prisma order of a value.
 */
export function listOrder<Row extends object, Field extends string>(
  name: string,
  fields: Record<Field, OrderField<Row>>,
  defaults: { field: Field; direction: Direction },
) {
  const FieldEnum = builder.enumType(`${name}Field`, {
    description: `What a list of ${name.replace(/Order$/, '').toLowerCase()}s is sorted by (sắp xếp theo). Không có thứ bậc; mặc định ${defaults.field}.`,
    values: Object.fromEntries(Object.entries<OrderField<Row>>(fields).map(([value, field]) => [value, { value, description: field.description }])) as Record<
      Field,
      { value: Field; description: string }
    >,
  });
  const Input = builder.inputType(name, {
    description: `The order of the list; by default ${defaults.field} ${defaults.direction.toUpperCase()}, then by id.`,
    fields: (t) => ({
      field: t.field({ type: FieldEnum, required: true }),
      direction: t.field({ type: OrderDirectionEnum, required: true, defaultValue: defaults.direction }),
    }),
  });
  const prismaOrder = (order: { field: Field; direction: Direction } | null | undefined): Row[] => {
    const chosen = order ?? defaults;
    return [...fields[chosen.field].orderBy(chosen.direction), { id: chosen.direction } as Row];
  };
  return { Input, prismaOrder, defaults };
}
