/// <reference types="llm-elements/vue" />
