// The tool the tests of tools call: the model may ask for the weather in Paris or Tokyo.
import type { Tool } from '../../src/index.js';

/** A tool that records its calls and returns `result`. */
export function weather(
  record: Array<Record<string, unknown>>,
  extra: Partial<Tool> = {},
  result: unknown = { sky: 'rain' },
): Tool {
  return {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', enum: ['Paris', 'Tokyo'] } },
      required: ['city'],
      additionalProperties: false,
    },
    run: (args) => (record.push(args), result),
    ...extra,
  };
}
