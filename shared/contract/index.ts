export * from './channels';
export * from './permissions';
export * from './schemas';
