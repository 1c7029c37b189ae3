/**
 * Legacy units (斤, 两, 公斤 …) and their exact conversion into UN/ECE Rec 20 units.
 */
package org.tracehub.schemas.unit;
