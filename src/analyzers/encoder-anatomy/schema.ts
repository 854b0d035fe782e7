// The section's schema lives with the report's other sections (src/report/sections/).
export * from '../../report/sections/encoder-anatomy.js';
