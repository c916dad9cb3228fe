"""outbox: a case's receipt (tracking code by mail) is an outbox row too

Revision ID: 0004_case_receipts
Revises: 0003_mail_limits
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_case_receipts'
down_revision = '0003_mail_limits'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('case_id', sa.Integer(), nullable=True))
        batch_op.alter_column('subscriber_id', existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column('item_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_unique_constraint(batch_op.f('uq_outbox_case_id'), ['case_id'])
        batch_op.create_foreign_key(batch_op.f('fk_outbox_case_id'), 'cases', ['case_id'], ['id'], ondelete='CASCADE')
        batch_op.create_check_constraint(
            batch_op.f('ck_outbox_one_mail'), '(case_id IS NULL) = (subscriber_id IS NOT NULL AND item_id IS NOT NULL)')


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE case_id IS NOT NULL")
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_outbox_one_mail'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_outbox_case_id'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_outbox_case_id'), type_='unique')
        batch_op.alter_column('item_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('subscriber_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('case_id')
