// The official OpenAI Node SDK against the gateway's /v1/responses: a first response, a follow-up by
// previous_response_id, a streamed response (the SDK's stream helper), a function-tool round trip continued from the
// stored response, and a stored response read and deleted.
import OpenAI from 'openai';
import {
  API_KEY, MODEL, OPENAI_BASE_URL, SUMMARY_PROMPT, WEATHER_QUESTION, WEATHER_RESULT, WEATHER_TOOL, expect,
  parsedArguments, report,
} from './common.mjs';

const client = new OpenAI({ apiKey: API_KEY, baseURL: OPENAI_BASE_URL, maxRetries: 0 });
const tools = [{ type: 'function', strict: false, ...WEATHER_TOOL }];
const QUESTION = 'Which month did it open?';

function functionCallsOf(response) {
  return response.output.filter((item) => item.type === 'function_call');
}

await report('openai-responses', ['openai'], {
  plain: async () => {
    const response = await client.responses.create({ model: MODEL, input: SUMMARY_PROMPT });
    return { id: response.id, status: response.status, text: response.output_text, usage: response.usage };
  },
  followUp: async () => {
    const first = await client.responses.create({ model: MODEL, input: SUMMARY_PROMPT });
    const alone = await client.responses.create({ model: MODEL, input: QUESTION, store: false });
    const followUp = await client.responses.create({ model: MODEL, input: QUESTION, previous_response_id: first.id });
    return {
      firstId: first.id,
      previousResponseId: followUp.previous_response_id,
      text: followUp.output_text,
      inputTokens: followUp.usage.input_tokens,
      firstInputTokens: first.usage.input_tokens,
      aloneInputTokens: alone.usage.input_tokens,
    };
  },
  streamed: async () => {
    const stream = client.responses.stream({ model: MODEL, input: SUMMARY_PROMPT });
    const types = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') {
        text += event.delta;
      }
    }
    const final = await stream.finalResponse();
    return { types, text, finalText: final.output_text, status: final.status };
  },
  toolLoop: async () => {
    const first = await client.responses.create({ model: MODEL, input: WEATHER_QUESTION, tools });
    const calls = functionCallsOf(first);
    expect(calls.length > 0, 'the first response called no function', first.output);
    const second = await client.responses.create({
      model: MODEL,
      tools,
      previous_response_id: first.id,
      input: calls.map((call) => ({ type: 'function_call_output', call_id: call.call_id, output: WEATHER_RESULT })),
    });
    return {
      toolCalls: calls.map((call) => ({ id: call.call_id, name: call.name, arguments: parsedArguments(call.arguments) })),
      finalText: second.output_text,
      finalCalls: functionCallsOf(second).length,
    };
  },
  retrieveAndDelete: async () => {
    const created = await client.responses.create({ model: MODEL, input: SUMMARY_PROMPT });
    const retrieved = await client.responses.retrieve(created.id);
    await client.responses.delete(created.id);
    let statusAfterDelete = null;
    try {
      await client.responses.retrieve(created.id);
    } catch (error) {
      statusAfterDelete = error.status;
    }
    return { sameText: retrieved.output_text === created.output_text, statusAfterDelete };
  },
});
