// The questions a category asks (its attributes, as the city defines them), shown under the category and sent as
// attribute[CODE] fields; and the answers, as the tracking page shows them.

function field(attribute) {
  const name = `attribute[${attribute.code}]`;
  if (attribute.datatype === 'singlevaluelist') {
    const select = document.createElement('select');
    select.name = name;
    select.append(new Option('- pilih / choose -', ''), ...attribute.values.map((v) => new Option(v.name, v.key)));
    return select;
  }
  if (attribute.datatype === 'multivaluelist') {
    const box = document.createElement('span');
    box.className = 'choices';
    for (const v of attribute.values) {
      const label = document.createElement('label');
      const input = Object.assign(document.createElement('input'), { type: 'checkbox', name: `${name}[]`, value: v.key });
      label.append(input, ` ${v.name}`);
      box.append(label);
    }
    return box;
  }
  if (attribute.datatype === 'text') {
    return Object.assign(document.createElement('textarea'), { name, rows: 2, maxLength: 4000 });
  }
  const types = { number: 'number', datetime: 'datetime-local' };
  const input = Object.assign(document.createElement('input'), { name, type: types[attribute.datatype] ?? 'text' });
  if (attribute.datatype === 'number') {
    input.step = 'any';
    input.inputMode = 'decimal';
  }
  return input;
}

/** Shows the questions of the category (none for most) in the container. */
export function showQuestions(container, category) {
  container.replaceChildren(...(category?.attributes ?? []).map((attribute) => {
    const label = document.createElement('label');
    label.dataset.code = attribute.code;
    const control = field(attribute);
    if (attribute.required && control.name) {
      control.required = true;
    }
    label.append(`${attribute.description}${attribute.required ? ' *' : ''}`, control);
    if (attribute.datatypeDescription) {
      const hint = Object.assign(document.createElement('span'), { className: 'hint', textContent: attribute.datatypeDescription });
      label.append(hint);
    }
    return label;
  }));
}

/** Adds the answered questions to the form data; a date and time goes with its offset. */
export function appendAnswers(container, body) {
  for (const control of container.querySelectorAll('[name]')) {
    if ((control.type === 'checkbox' && !control.checked) || control.value.trim() === '') {
      continue;
    }
    body.append(control.name, control.type === 'datetime-local' ? new Date(control.value).toISOString() : control.value.trim());
  }
}

/** The report's answers as "question: answer" lines, named from the category's definition. */
export function showAnswers(list, category, answers) {
  list.replaceChildren(...(answers ?? []).map((answer) => {
    const attribute = category?.attributes.find((a) => a.code === answer.code);
    const names = answer.values.map((value) => attribute?.values?.find((v) => v.key === value)?.name ?? value);
    const item = document.createElement('li');
    item.dataset.code = answer.code;
    item.textContent = `${attribute?.description ?? answer.code} ${names.join(', ')}`;
    return item;
  }));
}
