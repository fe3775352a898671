import 'llm-elements';
