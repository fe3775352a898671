// What every story shares: the test model's URL, as Storybook serves it.
export const MODEL_URL = './models/stories260K.gguf';
